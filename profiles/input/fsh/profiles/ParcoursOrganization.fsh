Profile: ParcoursOrganization
Parent: Organization
Id: parcours-organization
Title: "Structure Parcours / Parcours organisation"
Description: "Structure sanitaire, médico-sociale ou sociale, identifiée par son FINESS quand elle en a un. — Health, medico-social or social organisation, identified by its FINESS when it has one."
* insert ParcoursMetadata
* obeys parcours-finess-format
* insert IdentifierSlicing
* identifier MS
* identifier contains FINESS 0..1 MS
* insert IdentifierSlice(FINESS, urn:oid:1.2.250.1.71.4.2.2, [[FINESS (9 caractères) / FINESS number]])
* name 1..1 MS
* type MS
* type from ParcoursValueSetCareTeamRole (extensible)
* telecom MS
* address MS
