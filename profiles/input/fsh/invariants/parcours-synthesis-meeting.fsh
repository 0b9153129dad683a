Invariant: parcours-synthesis-meeting
Description: "Une réunion de synthèse est typée reunion-synthese et ne concerne pas une personne (pas de subject) : chaque personne revue a sa propre revue (revue-synthese, partOf = la réunion). — A synthesis meeting is typed reunion-synthese and has no subject: each person reviewed has their own review (revue-synthese, partOf = the meeting)."
Severity: #error
Expression: "type.coding.where(system = 'https://fhir.parcours.fr/CodeSystem/parcours-encounter-type' and code = 'reunion-synthese').exists() and subject.empty()"
