CodeSystem: ParcoursCodeSystemUseRoute
Id: parcours-use-route
Title: "Voies d'usage / Routes of use"
Description: "Modes de consommation. — Routes of use."
* insert ParcoursCodeSystem
* #injection "Injection" "Usage par voie intraveineuse."
* #injection insert En(Injection)
* #inhalation "Inhalation" "Usage fumé ou inhalé (pipe, chasse au dragon)."
* #inhalation insert En([[Smoking or inhalation]])
* #sniff "Voie nasale" "Usage sniffé."
* #sniff insert En(Snorting)
* #orale "Voie orale" "Usage avalé."
* #orale insert En(Oral)
