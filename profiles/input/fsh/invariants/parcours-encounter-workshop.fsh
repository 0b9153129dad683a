Invariant: parcours-encounter-workshop
Description: "Atelier collectif : la séance n'a ni subject ni partOf ; la participation d'une personne a un subject et partOf la séance. Le nombre de participants hors Parcours ne se met que sur la séance. — Workshop: the session has neither subject nor partOf; a person's participation has a subject and is partOf the session. The outside count is on the session only."
Severity: #error
Expression: "(type.coding.where(system = 'https://fhir.parcours.fr/CodeSystem/parcours-encounter-type' and code = 'atelier-groupe').exists() implies (subject.exists() = partOf.exists())) and (extension.where(url = 'https://fhir.parcours.fr/StructureDefinition/parcours-outside-participants').exists() implies (subject.empty() and partOf.empty()))"
