ValueSet: ParcoursValueSetDomain
Id: parcours-domain
Title: "Domaines d'intervention / Areas of work"
Description: "Tous les codes de ParcoursCodeSystemDomain. — All codes of ParcoursCodeSystemDomain."
* insert ParcoursValueSet
* include codes from system ParcoursCodeSystemDomain
