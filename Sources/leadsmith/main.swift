print("leadsmith")
