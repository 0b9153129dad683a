Extension: ParcoursExtensionWorkshopTheme
Id: parcours-workshop-theme
Title: "Thème de l'atelier / Workshop theme"
Description: "Sur la séance d'un atelier collectif : son thème, tel que l'animateur le nomme (« tabac », « prendre soin de soi »). — On a workshop session: its theme, as the facilitator names it."
* insert ParcoursMetadata
* ^context[0].type = #element
* ^context[0].expression = "Encounter"
* value[x] 1..1
* value[x] only string
