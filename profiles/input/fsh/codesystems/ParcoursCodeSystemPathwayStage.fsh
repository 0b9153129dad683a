CodeSystem: ParcoursCodeSystemPathwayStage
Id: parcours-pathway-stage
Title: "Étapes de la feuille de route RdR / Harm-reduction roadmap stages"
Description: "Étapes, dans l'ordre, de la feuille de route de coordination en réduction des risques alcool. — Stages, in order, of the alcohol harm-reduction coordination roadmap."
* insert ParcoursCodeSystem
* ^property[0].code = #ordre
* ^property[0].description = "Rang de l'étape dans la feuille de route / rank of the stage in the roadmap"
* ^property[0].type = #integer
* #accueil "Accueillir la personne avec la réalité de sa consommation" "Première étape : accueillir sans jugement."
* #accueil insert En(Welcome the person with the reality of their drinking)
* #accueil ^property[0].code = #ordre
* #accueil ^property[0].valueInteger = 1
* #alliance "Construire l'alliance" "Construire une relation de confiance."
* #alliance insert En(Build the alliance)
* #alliance ^property[0].code = #ordre
* #alliance ^property[0].valueInteger = 2
* #ruptures "Identifier les ruptures de soins et les échecs passés" "Repérer les ruptures et ce qui n'a pas marché."
* #ruptures insert En(Identify care breaks and past failures)
* #ruptures ^property[0].code = #ordre
* #ruptures ^property[0].valueInteger = 3
* #besoins "Comprendre les besoins" "Comprendre les besoins de la personne."
* #besoins insert En(Understand needs)
* #besoins ^property[0].code = #ordre
* #besoins ^property[0].valueInteger = 4
* #priorisation "Prioriser : sécuriser la situation et l'usage" "Sécuriser la situation globale, sécuriser l'usage."
* #priorisation insert En([[Prioritise: secure the overall situation and the use]])
* #priorisation ^property[0].code = #ordre
* #priorisation ^property[0].valueInteger = 5
* #engagement "Engager un parcours de soins" "Engager la personne dans un parcours de soins."
* #engagement insert En(Engage a care pathway)
* #engagement ^property[0].code = #ordre
* #engagement ^property[0].valueInteger = 6
* #co-construction "Co-construire les orientations" "Co-construire les orientations avec la personne."
* #co-construction insert En(Co-build orientations)
* #co-construction ^property[0].code = #ordre
* #co-construction ^property[0].valueInteger = 7
* #coordination "Coordonner la nouvelle prise en charge" "Coordonner les nouveaux soins."
* #coordination insert En(Coordinate the new care)
* #coordination ^property[0].code = #ordre
* #coordination ^property[0].valueInteger = 8
* #stabilisation "Stabiliser" "Stabiliser la situation."
* #stabilisation insert En(Stabilise)
* #stabilisation ^property[0].code = #ordre
* #stabilisation ^property[0].valueInteger = 9
* #maintien "Pérenniser" "Pérenniser les acquis."
* #maintien insert En(Sustain)
* #maintien ^property[0].code = #ordre
* #maintien ^property[0].valueInteger = 10
