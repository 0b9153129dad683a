ValueSet: ParcoursValueSetUseContext
Id: parcours-use-context
Title: "Contextes d'usage / Contexts of use"
Description: "Tous les codes de ParcoursCodeSystemUseContext. — All codes of ParcoursCodeSystemUseContext."
* insert ParcoursValueSet
* include codes from system ParcoursCodeSystemUseContext
