ValueSet: ParcoursValueSetCommunicationCategory
Id: parcours-communication-category
Title: "Catégories de notification / Notification categories"
Description: "Tous les codes de ParcoursCodeSystemCommunicationCategory. — All codes of ParcoursCodeSystemCommunicationCategory."
* insert ParcoursValueSet
* include codes from system ParcoursCodeSystemCommunicationCategory
