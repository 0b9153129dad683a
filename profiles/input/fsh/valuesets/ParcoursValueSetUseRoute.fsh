ValueSet: ParcoursValueSetUseRoute
Id: parcours-use-route
Title: "Voies d'usage / Routes of use"
Description: "Tous les codes de ParcoursCodeSystemUseRoute. — All codes of ParcoursCodeSystemUseRoute."
* insert ParcoursValueSet
* include codes from system ParcoursCodeSystemUseRoute
