/** People and places for generated contacts and addresses (fictional phone ranges). */

export const FIRST_NAMES = [
  "Emma",
  "Liam",
  "Olivia",
  "Noah",
  "Ava",
  "James",
  "Sophia",
  "Lucas",
  "Isabella",
  "Mason",
  "Mia",
  "Ethan",
  "Charlotte",
  "Logan",
  "Amelia",
  "Oliver",
  "Harper",
  "Elijah",
  "Evelyn",
  "Jack",
  "Abigail",
  "Henry",
  "Ella",
  "Samuel",
  "Grace",
  "Daniel",
  "Chloe",
  "Owen",
  "Zoe",
  "Leo",
  "Hannah",
  "Isaac",
  "Nora",
  "Caleb",
  "Ruby",
  "Felix",
  "Ivy",
  "Theo",
  "Freya",
  "Arjun",
  "Aisha",
  "Mateo",
  "Yuki",
  "Niamh",
  "Kofi",
  "Ingrid",
  "Rafael",
  "Maya",
  "Tomasz",
  "Leila",
];

export const LAST_NAMES = [
  "Smith",
  "Johnson",
  "Williams",
  "Brown",
  "Jones",
  "Garcia",
  "Miller",
  "Davis",
  "Wilson",
  "Taylor",
  "Anderson",
  "Thomas",
  "Moore",
  "Martin",
  "Jackson",
  "Thompson",
  "White",
  "Harris",
  "Clarke",
  "Lewis",
  "Walker",
  "Young",
  "Allen",
  "King",
  "Wright",
  "Scott",
  "Green",
  "Baker",
  "Adams",
  "Nelson",
  "Hill",
  "Campbell",
  "Mitchell",
  "Roberts",
  "Carter",
  "Phillips",
  "Evans",
  "Turner",
  "Murphy",
  "O'Brien",
  "Kowalski",
  "Nakamura",
  "Mensah",
  "Lindqvist",
  "Schmidt",
  "Rossi",
  "Haddad",
  "Fernandes",
  "Novak",
  "Byrne",
];

export interface City {
  city: string;
  state: string | null;
  county: string | null;
  postcode: string;
}

export const CITIES: Record<string, City[]> = {
  US: [
    { city: "Portland", state: "OR", county: null, postcode: "97205" },
    { city: "Austin", state: "TX", county: null, postcode: "78701" },
    { city: "Denver", state: "CO", county: null, postcode: "80202" },
    { city: "Columbus", state: "OH", county: null, postcode: "43215" },
    { city: "Raleigh", state: "NC", county: null, postcode: "27601" },
    { city: "Madison", state: "WI", county: null, postcode: "53703" },
    { city: "Sacramento", state: "CA", county: null, postcode: "95814" },
    { city: "Boise", state: "ID", county: null, postcode: "83702" },
    { city: "Richmond", state: "VA", county: null, postcode: "23219" },
    { city: "Savannah", state: "GA", county: null, postcode: "31401" },
    { city: "Burlington", state: "VT", county: null, postcode: "05401" },
    { city: "Tucson", state: "AZ", county: null, postcode: "85701" },
  ],
  GB: [
    { city: "Leeds", state: null, county: "West Yorkshire", postcode: "LS1 4AP" },
    { city: "Bristol", state: null, county: "Bristol", postcode: "BS1 5TR" },
    { city: "York", state: null, county: "North Yorkshire", postcode: "YO1 7HH" },
    { city: "Brighton", state: null, county: "East Sussex", postcode: "BN1 1AE" },
    { city: "Edinburgh", state: null, county: "Midlothian", postcode: "EH1 1YZ" },
    { city: "Cardiff", state: null, county: "South Glamorgan", postcode: "CF10 1EP" },
    { city: "Norwich", state: null, county: "Norfolk", postcode: "NR2 1NE" },
    { city: "Bath", state: null, county: "Somerset", postcode: "BA1 1LZ" },
  ],
  DE: [
    { city: "Berlin", state: "Berlin", county: null, postcode: "10115" },
    { city: "München", state: "Bayern", county: null, postcode: "80331" },
    { city: "Hamburg", state: "Hamburg", county: null, postcode: "20095" },
    { city: "Köln", state: "Nordrhein-Westfalen", county: null, postcode: "50667" },
    { city: "Freiburg", state: "Baden-Württemberg", county: null, postcode: "79098" },
    { city: "Leipzig", state: "Sachsen", county: null, postcode: "04109" },
    { city: "Garmisch-Partenkirchen", state: "Bayern", county: null, postcode: "82467" },
  ],
};

export const STREETS: Record<string, string[]> = {
  US: [
    "Maple Avenue",
    "Oak Street",
    "Cedar Lane",
    "Pine Ridge Road",
    "Elm Street",
    "Lakeview Drive",
    "Sunset Boulevard",
    "Willow Court",
  ],
  GB: [
    "Station Road",
    "Church Lane",
    "Highfield Road",
    "Mill Street",
    "Victoria Terrace",
    "Park View",
    "Queen's Road",
    "Orchard Close",
  ],
  DE: [
    "Hauptstraße",
    "Lindenweg",
    "Bahnhofstraße",
    "Gartenstraße",
    "Bergstraße",
    "Schillerstraße",
    "Waldweg",
  ],
};

/** Phone numbers from ranges reserved for fiction (US 555-01xx, UK 07700 900xxx, DE 030 23125xxx). */
export const PHONE_FORMATS: Record<string, (digits: (n: number) => string) => string> = {
  US: (d) => `+1 555-01${d(2)}`,
  GB: (d) => `+44 7700 900${d(3)}`,
  DE: (d) => `+49 30 23125${d(3)}`,
};

/** Carriers per ship-to country, with the link form eDesk stores (§2.3 `tracking_link`). */
export interface Carrier {
  name: string;
  code: (rng: { digits(n: number): string; chars(n: number, a?: string): string }) => string;
  link: string;
}

const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

export const CARRIERS: Record<string, Carrier[]> = {
  US: [
    {
      name: "UPS",
      code: (r) => `1Z${r.chars(16, UPPER)}`,
      link: "https://www.ups.com/track?tracknum=",
    },
    { name: "FedEx", code: (r) => r.digits(12), link: "https://www.fedex.com/fedextrack/?trknbr=" },
    {
      name: "USPS",
      code: (r) => `9400${r.digits(18)}`,
      link: "https://tools.usps.com/go/TrackConfirmAction?tLabels=",
    },
  ],
  GB: [
    {
      name: "Royal Mail",
      code: (r) => `${r.chars(2, "ABCDEFGHJKLMNPRSTUVWXYZ")}${r.digits(9)}GB`,
      link: "https://www.royalmail.com/track-your-item#/tracking-results/",
    },
    { name: "DPD", code: (r) => `15${r.digits(12)}`, link: "https://track.dpd.co.uk/parcels/" },
    { name: "Evri", code: (r) => `H0${r.digits(14)}`, link: "https://www.evri.com/track/parcel/" },
  ],
  DE: [
    {
      name: "DHL",
      code: (r) => `00340${r.digits(15)}`,
      link: "https://www.dhl.de/de/privatkunden/pakete-empfangen/verfolgen.html?piececode=",
    },
    {
      name: "DPD",
      code: (r) => `0${r.digits(13)}`,
      link: "https://tracking.dpd.de/status/de_DE/parcel/",
    },
    {
      name: "Hermes",
      code: (r) => `H10${r.digits(17)}`,
      link: "https://www.myhermes.de/empfangen/sendungsverfolgung/sendungsinformation#",
    },
  ],
};
