/**
 * Name pools for synthetic people: common given and family names in England
 * and Wales, with a few accented and apostrophised spellings (Zoë, Seán,
 * O'Connor) so accent- and punctuation-insensitive search has something to find.
 */
export const MALE_GIVEN_NAMES: readonly string[] = [
  "James", "John", "David", "Michael", "Paul", "Andrew", "Mark", "Richard", "Robert", "Peter",
  "Christopher", "Daniel", "Matthew", "Stephen", "Thomas", "Anthony", "Steven", "Simon", "Gary", "Lee",
  "Craig", "Darren", "Wayne", "Dean", "Jason", "Carl", "Neil", "Martin", "Kevin", "Ian",
  "Adam", "Ryan", "Jamie", "Liam", "Luke", "Jordan", "Joshua", "Jack", "Callum", "Connor",
  "Nathan", "Scott", "Shaun", "Stuart", "Gareth", "Rhys", "Owain", "Dafydd", "Huw", "Iwan",
  "Aled", "Gavin", "Graham", "Keith", "Philip", "Alan", "Brian", "Colin", "Trevor", "Barry",
  "Samuel", "Benjamin", "Oliver", "Harry", "George", "Charlie", "Alfie", "Kieran", "Bradley", "Aaron",
  "Ashley", "Dominic", "Jonathan", "Nicholas", "Timothy", "Ben", "Tom", "Sam", "Joe", "Dan",
  "Mohammed", "Muhammad", "Ali", "Imran", "Tariq", "Hassan", "Omar", "Bilal", "Arjun", "Rajesh",
  "Sanjay", "Vikram", "Krzysztof", "Tomasz", "Piotr", "Marek", "Andrei", "Ionut", "Kwame", "Tunde",
  "Chinedu", "Emeka", "Marcus", "Tyrone", "Leon", "Dwayne", "Seán", "Ciarán", "Declan", "Padraig",
  "Eoin", "José", "Luís", "André", "Rhodri", "Gethin", "Kyle", "Reece", "Jake", "Mason",
];

export const FEMALE_GIVEN_NAMES: readonly string[] = [
  "Sarah", "Emma", "Laura", "Rebecca", "Claire", "Nicola", "Lisa", "Michelle", "Kelly", "Donna",
  "Joanne", "Karen", "Julie", "Helen", "Rachel", "Amanda", "Louise", "Victoria", "Gemma", "Hayley",
  "Natalie", "Samantha", "Stacey", "Jade", "Charlotte", "Sophie", "Hannah", "Amy", "Lauren", "Chloe",
  "Emily", "Jessica", "Olivia", "Megan", "Bethany", "Holly", "Katie", "Jennifer", "Elizabeth", "Catherine",
  "Susan", "Deborah", "Tracey", "Angela", "Jacqueline", "Alison", "Caroline", "Fiona", "Joanna", "Kerry",
  "Leanne", "Danielle", "Kirsty", "Zoe", "Zoë", "Chloë", "Siân", "Rhiannon", "Cerys", "Ffion",
  "Bethan", "Seren", "Catrin", "Nia", "Aoife", "Siobhán", "Niamh", "Róisín", "Renée", "Anaïs",
  "Amelia", "Isla", "Ava", "Mia", "Grace", "Lily", "Ella", "Freya", "Poppy", "Evie",
  "Ruby", "Daisy", "Phoebe", "Abigail", "Eleanor", "Lucy", "Anna", "Maria", "Ayesha", "Fatima",
  "Aisha", "Zainab", "Priya", "Anjali", "Sunita", "Harpreet", "Agnieszka", "Katarzyna", "Magdalena", "Ioana",
  "Chiamaka", "Adaeze", "Abena", "Shanice", "Tanisha", "Kayleigh", "Chantelle", "Toni", "Jodie", "Paige",
];

export const FAMILY_NAMES: readonly string[] = [
  "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Johnson",
  "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall",
  "Lewis", "Harris", "Clarke", "Patel", "Jackson", "Wood", "Turner", "Martin", "Cooper", "Hill",
  "Ward", "Morris", "Moore", "Clark", "Lee", "King", "Baker", "Harrison", "Morgan", "Allen",
  "James", "Scott", "Phillips", "Watson", "Davis", "Parker", "Price", "Bennett", "Young", "Griffiths",
  "Mitchell", "Kelly", "Cook", "Carter", "Richardson", "Bailey", "Collins", "Bell", "Shaw", "Murphy",
  "Miller", "Cox", "Richards", "Khan", "Marshall", "Anderson", "Simpson", "Ellis", "Adams", "Singh",
  "Begum", "Wilkinson", "Foster", "Chapman", "Powell", "Webb", "Rogers", "Gray", "Mason", "Ali",
  "Hunt", "Hussain", "Campbell", "Matthews", "Owen", "Palmer", "Holmes", "Mills", "Barnes", "Knight",
  "Lloyd", "Butler", "Russell", "Barker", "Fisher", "Stevens", "Jenkins", "Murray", "Dixon", "Harvey",
  "Graham", "Pearson", "Ahmed", "Fletcher", "Walsh", "Kaur", "Gibson", "Howard", "Andrews", "Stewart",
  "Elliott", "Reynolds", "Saunders", "Payne", "Fox", "Ford", "Pearce", "Day", "Brooks", "West",
  "Lawrence", "Cole", "Atkinson", "Bradley", "Spencer", "Gill", "Dawson", "Ball", "Burton", "O'Brien",
  "Watts", "Rose", "Booth", "Perry", "Ryan", "Grant", "Wells", "Armstrong", "Francis", "Rees",
  "Hayes", "Hart", "Hudson", "Newman", "Barrett", "Webster", "Hunter", "Gregory", "Carr", "Lowe",
  "Page", "Marsh", "Riley", "Dunn", "Woods", "Parsons", "Berry", "Stone", "Reid", "Holland",
  "Hawkins", "Harding", "Porter", "Robertson", "Newton", "Oliver", "Reed", "Kennedy", "Williamson", "Bird",
  "Gardner", "Shah", "Dean", "Lane", "Cooke", "Bates", "Henderson", "Parry", "Burgess", "Bishop",
  "Walton", "Burns", "Nicholson", "Shepherd", "Ross", "Cross", "Long", "Freeman", "Warren", "Nicholls",
  "Hamilton", "Byrne", "Sutton", "McDonald", "Yates", "Hodgson", "Robson", "Curtis", "Hopkins", "O'Connor",
  "Harper", "Coleman", "Watkins", "Moss", "McCarthy", "Chambers", "O'Neill", "Griffin", "Sharp", "Hardy",
  "Wheeler", "Potter", "Osborne", "Johnston", "Gordon", "Doyle", "Wallace", "George", "Jordan", "Hutchinson",
  "Rowe", "Burke", "May", "Pritchard", "Gilbert", "Willis", "Higgins", "Read", "Miah", "Kowalski",
  "Nowak", "Wiśniewski", "Popescu", "Okafor", "Mensah", "Adeyemi", "Nguyen", "Chowdhury", "Rahman", "Sharma",
  "Núñez", "García", "Müller", "Lefèvre", "Brontë", "Ó Briain", "Mac Giolla", "Smith-Jones", "Lloyd-Evans", "Ap Rhys",
];
