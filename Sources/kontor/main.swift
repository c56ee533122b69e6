import KontorApp
print("kontor")
