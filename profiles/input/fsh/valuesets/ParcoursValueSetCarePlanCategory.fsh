ValueSet: ParcoursValueSetCarePlanCategory
Id: parcours-careplan-category
Title: "Catégories de plan Parcours / Parcours care plan categories"
Description: "Tous les codes de ParcoursCodeSystemCarePlanCategory. — All codes of ParcoursCodeSystemCarePlanCategory."
* insert ParcoursValueSet
* include codes from system ParcoursCodeSystemCarePlanCategory
