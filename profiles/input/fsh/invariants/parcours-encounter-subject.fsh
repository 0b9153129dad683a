Invariant: parcours-encounter-subject
Description: "Hors réunion de synthèse et séance d'atelier collectif (qui réunissent plusieurs personnes), la rencontre concerne une personne (subject). — Except synthesis meetings and workshop sessions (several people), an encounter has a subject."
Severity: #error
Expression: "type.coding.where(system = 'https://fhir.parcours.fr/CodeSystem/parcours-encounter-type' and (code = 'reunion-synthese' or code = 'atelier-groupe')).exists() or subject.exists()"
