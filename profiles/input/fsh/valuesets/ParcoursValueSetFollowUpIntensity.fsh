ValueSet: ParcoursValueSetFollowUpIntensity
Id: parcours-follow-up-intensity
Title: "Intensité du suivi / Follow-up intensity"
Description: "Tous les codes de ParcoursCodeSystemFollowUpIntensity. — All codes of ParcoursCodeSystemFollowUpIntensity."
* insert ParcoursValueSet
* include codes from system ParcoursCodeSystemFollowUpIntensity
