/// Builds a gzip stream of many zero bytes (fixed-Huffman deflate, 258-byte back-references: ~160:1).
enum GzipBomb {
    static func make(zeros: Int) -> [UInt8] {
        var out: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xFF]
        var bitBuffer: UInt32 = 0
        var bitCount = 0
        func bits(_ value: UInt32, _ count: Int) {
            bitBuffer |= value << UInt32(bitCount)
            bitCount += count
            while bitCount >= 8 {
                out.append(UInt8(bitBuffer & 0xFF))
                bitBuffer >>= 8
                bitCount -= 8
            }
        }
        func huffman(_ code: UInt32, _ count: Int) {  // Huffman codes go most significant bit first
            var reversed: UInt32 = 0
            for i in 0..<count where code & (1 << UInt32(i)) != 0 { reversed |= 1 << UInt32(count - 1 - i) }
            bits(reversed, count)
        }
        bits(1, 1)       // BFINAL
        bits(1, 2)       // BTYPE = fixed Huffman
        huffman(0x30, 8) // literal 0
        var written = 1
        while written + 258 <= zeros {
            huffman(0xC5, 8)  // length 258 (code 285)
            huffman(0, 5)     // distance 1
            written += 258
        }
        huffman(0, 7)    // end of block
        if bitCount > 0 { out.append(UInt8(bitBuffer & 0xFF)) }
        out += [0, 0, 0, 0]  // CRC-32 (never reached: the ratio cap fires first)
        let size = UInt32(truncatingIfNeeded: written)
        out += [UInt8(size & 0xFF), UInt8((size >> 8) & 0xFF), UInt8((size >> 16) & 0xFF), UInt8(size >> 24)]
        return out
    }
}
