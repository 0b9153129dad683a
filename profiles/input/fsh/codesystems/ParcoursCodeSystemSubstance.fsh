CodeSystem: ParcoursCodeSystemSubstance
Id: parcours-substance
Title: "Substances consommées / Substances used"
Description: "Substances suivies hors alcool et tabac. — Substances followed other than alcohol and tobacco."
* insert ParcoursCodeSystem
* #cannabis "Cannabis" "Cannabis (résine, herbe)."
* #cannabis insert En(Cannabis)
* #cocaine "Cocaïne" "Cocaïne (chlorhydrate)."
* #cocaine insert En(Cocaine)
* #crack "Crack" "Cocaïne base (crack, free base)."
* #crack insert En(Crack cocaine)
* #heroine "Héroïne" "Héroïne."
* #heroine insert En(Heroin)
* #opioides-hors-prescription "Opioïdes hors prescription" "Opioïdes médicamenteux détournés ou non prescrits."
* #opioides-hors-prescription insert En(Non-prescribed opioids)
* #benzodiazepines "Benzodiazépines hors prescription" "Benzodiazépines non prescrites ou mésusées."
* #benzodiazepines insert En(Non-prescribed benzodiazepines)
* #amphetamines "Amphétamines et stimulants de synthèse" "Amphétamines, méthamphétamine, cathinones."
* #amphetamines insert En(Amphetamines and synthetic stimulants)
* #autre "Autre substance" "Autre substance, à préciser en texte."
* #autre insert En(Other substance)
