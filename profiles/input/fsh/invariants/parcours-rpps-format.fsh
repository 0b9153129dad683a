Invariant: parcours-rpps-format
Description: "Le numéro RPPS compte 11 chiffres et commence par 1 ou 8. — The RPPS number has 11 digits and starts with 1 or 8."
Severity: #error
Expression: "identifier.where(system = 'urn:oid:1.2.250.1.71.4.2.1').all(value.matches('^[18][0-9]{10}$'))"
