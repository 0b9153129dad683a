Invariant: parcours-finess-format
Description: "Le numéro FINESS compte 9 caractères (2A/2B en Corse). — The FINESS number has 9 characters."
Severity: #error
Expression: "identifier.where(system = 'urn:oid:1.2.250.1.71.4.2.2').all(value.matches('^([0-9]{2}|2A|2B)[0-9]{7}$'))"
