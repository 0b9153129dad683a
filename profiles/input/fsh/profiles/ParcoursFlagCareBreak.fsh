Profile: ParcoursFlagCareBreak
Parent: Flag
Id: parcours-flag-care-break
Title: "Alerte rupture de soins / Care-break flag"
Description: "Alerte levée par la veille des ruptures de soins : une par personne et par règle, active tant que la règle est franchie, inactive (avec period.end) quand la condition cesse. — Flag raised by the care-break watch: one per person and rule, active while the rule is crossed, inactive (with period.end) once the condition clears."
* insert ParcoursMetadata
* identifier 1..* MS
* identifier ^short = "Personne et règle (système de la veille) / person and rule (the watch's system)"
* status MS
* code MS
* code from ParcoursValueSetCareBreakRule (required)
* subject MS
* subject only Reference(ParcoursPatient)
* period 1..1 MS
* period.start 1..1 MS
* period.start ^short = "Jour où la règle a été franchie / day the rule was crossed"
* period.end MS
* period.end ^short = "Jour où la condition a cessé / day the condition cleared"
* author 1..1 MS
* author only Reference(Device)
* author ^short = "Le Device de la veille / the watch's Device"
