Invariant: parcours-ins-format
Description: "L'INS (NIR) compte 15 caractères : sexe, année, mois, département (2A/2B en Corse), commune, ordre, clé. — The INS (NIR) has 15 characters."
Severity: #error
Expression: "identifier.where(system = 'urn:oid:1.2.250.1.213.1.4.8').all(value.matches('^[1-8][0-9]{4}([0-9]{2}|2A|2B)[0-9]{8}$'))"
