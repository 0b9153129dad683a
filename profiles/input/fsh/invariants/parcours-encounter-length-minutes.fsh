Invariant: parcours-encounter-length-minutes
Description: "La durée d'une rencontre est en minutes UCUM (min). — An encounter's length is in UCUM minutes."
Severity: #error
Expression: "length.exists() implies (length.system = 'http://unitsofmeasure.org' and length.code = 'min' and length.value >= 0)"
