CodeSystem: ParcoursCodeSystemUseFrequency
Id: parcours-use-frequency
Title: "Fréquences d'usage / Frequencies of use"
Description: "Fréquence de consommation sur le dernier mois. — Frequency of use over the last month."
* insert ParcoursCodeSystem
* #quotidien "Tous les jours ou presque" "Usage quotidien."
* #quotidien insert En(Daily or almost daily)
* #hebdomadaire "Chaque semaine" "Au moins une fois par semaine."
* #hebdomadaire insert En(Weekly)
* #mensuel "Chaque mois" "Au moins une fois par mois."
* #mensuel insert En(Monthly)
* #occasionnel "Occasionnellement" "Moins d'une fois par mois."
* #occasionnel insert En(Occasionally)
* #pas-d-usage-recent "Pas d'usage ce mois-ci" "Aucun usage sur le dernier mois."
* #pas-d-usage-recent insert En(No use this month)
