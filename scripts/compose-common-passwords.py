#!/usr/bin/env python3
# Writes src/MlmNetwork.Infrastructure/Security/common-passwords.txt (run: python3 scripts/compose-common-passwords.py).
# Composes the list of common passwords shipped with the app (no download): frequent words and
# names, keyboard walks and digit runs, with the suffixes and substitutions people add to pass rules.
words = """password passw0rd p@ssword p@ssw0rd pa$$word passwort motdepasse contrasena senha parola wachtwoord
welcome welkom willkommen bienvenue qwerty qwertz azerty asdfgh zxcvbn qazwsx letmein login admin administrator
root toor user guest test tester master monkey dragon shadow sunshine princess football baseball soccer hockey
basketball superman batman spiderman iloveyou trustno1 whatever freedom starwars pokemon computer internet
secret changeme change default summer winter spring autumn january february march april june july august
september october november december monday friday hello hello123 lovely loveme angel angels jesus christ
michael jennifer jordan hunter ranger buster thomas robert charlie daniel andrew joshua matthew anthony william
jessica ashley amanda nicole michelle samsung apple google microsoft facebook linkedin twitter instagram
company business office manager service support network system security access private public
mlmnetwork network marketing distributor sponsor success money million dollar euro rouble
cheese chocolate cookie banana orange coffee pepper ginger flower purple yellow silver golden diamond
killer ninja pirate tigger tiger lion eagle falcon phoenix mustang ferrari porsche mercedes harley
family friends forever summer2024 qwerty123 zaq12wsx 1q2w3e4r 1qaz2wsx qweasd asdasd abc123 abcdef
abcd1234 iloveu matrix hacker access14 master123 killer123 maggie ginger daisy bailey buddy rocky
liverpool chelsea arsenal barcelona madrid juventus spartak zenit moscow london paris berlin newyork
russia america canada germany france england india china
""".split()

cyrillic_latin = "parol parolj privet lubov lyubov qwerty1 ytrewq zaqxsw solnce solnyshko natasha masha dasha sasha".split()
words += cyrillic_latin

suffixes = ["", "1", "12", "123", "1234", "12345", "123456", "!", "1!", "12!", "123!", "@", "@1", "@123", "#1", "$",
            "01", "007", "69", "99", "2000", "2010", "2015", "2018", "2019", "2020", "2021", "2022", "2023", "2024",
            "2025", "2026", "2027", "2024!", "2025!", "2026!", "1234!", "11", "111", "00", "000", "321", "!!", "1@", "?"]

def leet(w):
    return w.replace("a", "@").replace("o", "0").replace("e", "3").replace("i", "1").replace("s", "$")

seen = set()
out = []
def add(p):
    k = p.lower()
    if k not in seen:
        seen.add(k)
        out.append(k)

for w in words:
    for s in suffixes:
        add(w + s)
    for s in ["", "1", "123", "!", "1!", "123!"]:
        add(leet(w) + s)
        add(w.replace("o", "0") + s)
        add(w.replace("a", "@") + s)
        add(w.replace("a", "@").replace("o", "0") + s)

runs = ["123456", "1234567", "12345678", "123456789", "1234567890", "0123456789", "987654321", "9876543210",
        "11111111", "00000000", "88888888", "12121212", "11223344", "123123123", "147258369", "159753456",
        "qwertyuiop", "asdfghjkl", "zxcvbnm", "1qaz2wsx3edc", "qwertyui", "qwerty12", "aaaaaaaa", "abcdefgh",
        "abcdefg1", "a1b2c3d4", "q1w2e3r4", "q1w2e3r4t5", "1q2w3e4r5t", "passw0rd1", "password12345"]
for r in runs:
    for s in ["", "!", "a", "q"]:
        add(r + s)
for y in range(1950, 2031):
    add(str(y) * 2)
    for d in range(1, 13):
        add(f"{d:02d}{d:02d}{y}")

import pathlib
target = pathlib.Path(__file__).resolve().parent.parent / "src/MlmNetwork.Infrastructure/Security/common-passwords.txt"
header = "# Common passwords refused at sign-up (composed for MlmNetwork, not downloaded): one a line, compared ignoring case."
target.write_text(header + "\n" + "\n".join(out) + "\n", encoding="utf-8")
