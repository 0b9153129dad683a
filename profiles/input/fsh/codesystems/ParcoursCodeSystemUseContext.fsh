CodeSystem: ParcoursCodeSystemUseContext
Id: parcours-use-context
Title: "Contextes d'usage / Contexts of use"
Description: "Contexte dans lequel la personne consomme. — Context in which the person uses."
* insert ParcoursCodeSystem
* #seul "Seul" "Usage solitaire."
* #seul insert En(Alone)
* #entre-pairs "Entre pairs" "Usage avec d'autres usagers."
* #entre-pairs insert En(With peers)
* #festif "Festif" "Usage en contexte festif."
* #festif insert En(Party setting)
* #rue "À la rue" "Usage dans l'espace public, sans abri."
* #rue insert En(On the street)
