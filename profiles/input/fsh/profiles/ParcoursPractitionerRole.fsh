Profile: ParcoursPractitionerRole
Parent: PractitionerRole
Id: parcours-practitionerrole
Title: "Rôle d'un professionnel Parcours / Parcours practitioner role"
Description: "Rôle d'un professionnel dans une structure (cabinet, CSAPA, CAARUD, hôpital, résidence sociale). — A professional's role in an organisation."
* insert ParcoursMetadata
* practitioner 1..1 MS
* practitioner only Reference(ParcoursPractitioner)
* organization MS
* organization only Reference(ParcoursOrganization)
* code 1..* MS
* code from ParcoursValueSetCareTeamRole (extensible)
* active MS
* period MS
* telecom MS
