Invariant: parcours-review-note
Description: "Une note de réunion de synthèse (catégorie note-synthese) est rattachée à la revue de la personne (encounter) et dit qui l'a écrite (sender). — A case-review note (category note-synthese) points at the person's review (encounter) and says who wrote it (sender)."
Severity: #error
Expression: "category.coding.where(system = 'https://fhir.parcours.fr/CodeSystem/parcours-communication-category' and code = 'note-synthese').exists() and encounter.exists() and sender.exists()"
