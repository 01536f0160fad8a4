"""Platform tunggal ASN (SIASN): the client (klien.py) and the written-down contract (kontrak.json/kontrak.py)."""
