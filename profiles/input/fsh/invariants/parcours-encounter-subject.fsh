Invariant: parcours-encounter-subject
Description: "Hors réunion de synthèse (qui revoit plusieurs personnes), la rencontre concerne une personne (subject). — Except synthesis meetings (which review several people), an encounter has a subject."
Severity: #error
Expression: "type.coding.where(system = 'https://fhir.parcours.fr/CodeSystem/parcours-encounter-type' and code = 'reunion-synthese').exists() or subject.exists()"
