Invariant: parcours-careteam-coordinator
Description: "Une équipe active a un coordinateur (rôle coordinateur). — An active team has a coordinator (coordinator role)."
Severity: #error
Expression: "status = 'active' implies participant.role.coding.where(system = 'https://fhir.parcours.fr/CodeSystem/parcours-careteam-role' and code = 'coordinateur').exists()"
