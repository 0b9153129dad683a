Extension: ParcoursExtensionFollowUpIntensity
Id: parcours-follow-up-intensity
Title: "Intensité du suivi / Follow-up intensity"
Description: "Intensité de l'accompagnement que porte le plan (renforcé, orientation téléphonique, appui-conseil), comptée par les indicateurs. — Intensity of the follow-up the plan carries, counted by the indicators."
* insert ParcoursMetadata
* ^context[0].type = #element
* ^context[0].expression = "CarePlan"
* value[x] 1..1
* value[x] only Coding
* valueCoding from ParcoursValueSetFollowUpIntensity (required)
