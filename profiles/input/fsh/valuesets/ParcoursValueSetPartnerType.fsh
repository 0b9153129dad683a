ValueSet: ParcoursValueSetPartnerType
Id: parcours-partner-type
Title: "Types de partenaire / Partner types"
Description: "Tous les codes de ParcoursCodeSystemPartnerType. — All codes of ParcoursCodeSystemPartnerType."
* insert ParcoursValueSet
* include codes from system ParcoursCodeSystemPartnerType
