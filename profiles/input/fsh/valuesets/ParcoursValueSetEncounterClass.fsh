ValueSet: ParcoursValueSetEncounterClass
Id: parcours-encounter-class
Title: "Modalités de rencontre / Encounter modalities"
Description: "Présentiel (AMB), téléphone ou visio (VR), domicile (HH), hospitalisation (IMP), urgences (EMER). — In person, phone or video, home, inpatient, emergency."
* insert ParcoursValueSet
* $ActCode#AMB "Présentiel (ambulatoire)"
* $ActCode#VR "À distance (téléphone, visio)"
* $ActCode#HH "À domicile"
* $ActCode#IMP "Hospitalisation"
* $ActCode#EMER "Urgences"
* $ActCode#FLD "Hors les murs (accompagnement, rue)"
