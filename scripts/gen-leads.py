#!/usr/bin/env python3
"""Generate a large newsletter CSV for memory/throughput measurements (not used by tests).

    scripts/gen-leads.py N [NOTES_BYTES] > leads.csv

NOTES_BYTES adds a quoted Notes column of about that many bytes per row (with a line break inside),
so a file of a given size has fewer, longer records (e.g. 2,000,000 rows of 1,000 bytes = 2 GB).

Domains cycle through the sample snapshot's companies so research stays offline; about 10% of the
rows repeat an earlier person (different case / +tag) to exercise the dedupe index.
"""
import random
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
notes_bytes = int(sys.argv[2]) if len(sys.argv) > 2 else 0
words = "called back about the demo, wants pricing for the team; follow up after the trade fair".split()
rng = random.Random(7)
domains = ["northwind-analytics.nl", "kessler-logistik.de", "atelier-morel.fr", "oldname-shop.nl", "nowhere-%d.com"]
titles = ["Head of Sales", "Marketing Manager", "CEO", "Software Engineer", "Vertriebsleiter", "Directeur commercial", ""]
print('"Email Address","First Name","Last Name","Company","Job Title","Phone Number","Website"' + (',"Notes"' if notes_bytes else ''))
for i in range(n):
    if i > 10 and rng.random() < 0.1:
        j = rng.randrange(i)
        email = "Person%d+news@%s" % (j, domains[j % 4])
    else:
        d = domains[i % len(domains)]
        if "%d" in d:
            d = d % i
        email = "person%d@%s" % (i, d)
    notes = ""
    if notes_bytes:
        text = " ".join(words[(i + k) % len(words)] for k in range(notes_bytes // 6))[:notes_bytes]
        notes = ',"%s\n(row %d)"' % (text, i)
    print('"%s","First%d","Last%d","Company %d","%s","+31 20 %07d",""%s' % (email, i, i, i % 97, titles[i % len(titles)], i, notes))
