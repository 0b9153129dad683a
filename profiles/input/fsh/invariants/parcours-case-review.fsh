Invariant: parcours-case-review
Description: "Une revue en réunion de synthèse est typée revue-synthese, concerne une personne (subject) et fait partie d'une réunion (partOf). — A case review is typed revue-synthese, has a subject and is part of a meeting (partOf)."
Severity: #error
Expression: "type.coding.where(system = 'https://fhir.parcours.fr/CodeSystem/parcours-encounter-type' and code = 'revue-synthese').exists() and subject.exists() and partOf.exists()"
