CodeSystem: ParcoursCodeSystemFollowUpIntensity
Id: parcours-follow-up-intensity
Title: "Intensité du suivi / Follow-up intensity"
Description: "Intensité de l'accompagnement porté par le plan : renforcé (rencontres, accompagnement aux rendez-vous), orientation téléphonique, appui-conseil ponctuel. — Intensity of the follow-up the plan carries: intensive (meetings, going with the person to appointments), phone orientation, one-off advice."
* insert ParcoursCodeSystem
* #intensif "Accompagnement renforcé" "Suivi intensif : le professionnel rencontre la personne et l'accompagne, le cas échéant, à ses rendez-vous (30 à 40 personnes par an et par référent)."
* #intensif insert En(Intensive accompaniment)
* #orientation-telephonique "Orientation téléphonique" "Information et orientation à distance, le plus souvent par téléphone."
* #orientation-telephonique insert En(Phone orientation)
* #appui-conseil "Appui-conseil" "Conseil ponctuel à la personne ou au professionnel qui l'accompagne."
* #appui-conseil insert En(One-off advice)
