Invariant: parcours-careteam-person-member
Description: "La personne est membre de sa propre équipe : un participant désigne le sujet de l'équipe. — The person is a member of their own team: a participant references the team's subject."
Severity: #error
Expression: "subject.exists() implies participant.where(member.reference = %resource.subject.reference).exists()"
