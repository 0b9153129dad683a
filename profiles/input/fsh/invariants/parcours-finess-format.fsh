Invariant: parcours-finess-format
Description: "Le numéro FINESS compte 9 caractères (2A/2B en Corse). — The FINESS number has 9 characters."
Severity: #error
Expression: "value.matches('^([0-9]{2}|2A|2B)[0-9]{7}$')"
