/**
 * Common given names and surnames per language, so a customer in Lyon is called Camille Martin and one in Gdańsk
 * Katarzyna Nowak. Lists are space-separated to keep the file short, so surnames with particles are stored with
 * hyphens (`Van-den-Berg`) and shown with spaces.
 */

export interface NameList {
  female: readonly string[];
  male: readonly string[];
  surnames: readonly string[];
}

function words(text: string): readonly string[] {
  return text.trim().split(/\s+/);
}

export const NAMES_BY_LANGUAGE: Readonly<Record<string, NameList>> = {
  en: {
    female:
      words(`Olivia Emma Charlotte Amelia Sophia Isabella Ava Mia Emily Grace Chloe Lily Hannah Sarah Jessica
      Lauren Megan Rachel Ella Zoe Abigail Madison Harper Evelyn Ruby Freya Isla`),
    male: words(`James Oliver William Jack Noah Liam Henry Lucas Benjamin Thomas George Daniel Samuel Michael David
      Joseph Ethan Matthew Ryan Alexander Harry Charlie Jacob Logan Owen Nathan Connor Dylan`),
    surnames:
      words(`Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas Moore Martin
      Jackson Thompson White Harris Clark Lewis Robinson Walker Young Allen King Wright Scott Green Baker Adams
      Nelson Hill Campbell Mitchell Roberts Carter Phillips Evans Turner Murphy O'Brien Kelly Walsh Byrne Patel
      Nguyen Chen Kim Garcia Rodriguez Lopez Hughes Edwards Cooper Ward`),
  },
  de: {
    female:
      words(`Anna Lena Hannah Emma Mia Sophie Laura Lea Marie Julia Katharina Sarah Lisa Johanna Clara Leonie
      Nina Paula Charlotte Greta Ida Frieda Sabine Petra Ursula Monika Anja Jana`),
    male: words(`Lukas Jonas Leon Felix Maximilian Paul Elias Ben Noah Finn Tim Jan Niklas Moritz Tobias Florian
      Sebastian Stefan Thomas Michael Andreas Jürgen Klaus Wolfgang Matthias Markus Johannes Fabian`),
    surnames:
      words(`Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch Bauer
      Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann Lange Schmitt Werner
      Krause Meier Lehmann Huber Gruber Mayer Steiner Moser`),
  },
  fr: {
    female:
      words(`Camille Léa Manon Chloé Emma Inès Jade Louise Alice Lina Juliette Sarah Zoé Anaïs Clara Mathilde
      Élodie Marion Pauline Céline Sophie Aurélie Nathalie Isabelle Margaux Océane`),
    male: words(`Lucas Hugo Louis Gabriel Arthur Jules Raphaël Adam Nathan Théo Thomas Nicolas Julien Antoine
      Maxime Alexandre Pierre Mathieu Romain Guillaume Sébastien Olivier Laurent François Baptiste Clément`),
    surnames:
      words(`Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefebvre
      Michel Garcia David Bertrand Roux Vincent Fournier Morel Girard André Lefèvre Mercier Dupont Lambert
      Bonnet François Martinez Peeters Janssens Maes`),
  },
  nl: {
    female:
      words(`Emma Julia Sophie Tess Fenna Anna Zoë Sara Eva Lotte Noor Lieke Sanne Femke Iris Anouk Fleur
      Marloes Esther Ingrid Maaike Els Lisa Mila`),
    male: words(`Daan Sem Lucas Levi Finn Milan Jesse Luuk Bram Thijs Ruben Lars Tim Sander Joris Pieter Jeroen
      Bas Wouter Maarten Koen Stijn Niels Jasper`),
    surnames:
      words(`De-Jong Jansen De-Vries Van-den-Berg Van-Dijk Bakker Janssen Visser Smit Meijer De-Boer Mulder
      De-Groot Bos Vos Peters Hendriks Van-Leeuwen Dekker Brouwer Peeters Maes Jacobs Mertens Willems`),
  },
  es: {
    female: words(`Lucía Sofía Martina María Julia Paula Valeria Emma Daniela Carla Alba Noa Sara Carmen Laura
      Ana Marta Elena Cristina Isabel Pilar Rocío Nuria Irene`),
    male: words(`Hugo Martín Lucas Mateo Leo Daniel Alejandro Pablo Manuel Álvaro Adrián David Mario Diego Javier
      Sergio Carlos José Antonio Francisco Juan Miguel Raúl Iván`),
    surnames:
      words(`García Rodríguez González Fernández López Martínez Sánchez Pérez Gómez Martín Jiménez Ruiz
      Hernández Díaz Moreno Muñoz Álvarez Romero Alonso Gutiérrez Navarro Torres Domínguez Vázquez Ramos`),
  },
  it: {
    female: words(`Sofia Giulia Aurora Alice Ginevra Emma Giorgia Beatrice Greta Martina Chiara Francesca Sara
      Valentina Elena Federica Alessia Silvia Laura Paola Anna Elisa Ilaria Camilla`),
    male: words(`Leonardo Francesco Alessandro Lorenzo Mattia Andrea Gabriele Riccardo Tommaso Edoardo Marco Luca
      Matteo Davide Giuseppe Antonio Giovanni Roberto Stefano Paolo Simone Federico Nicola Fabio`),
    surnames: words(`Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti
      De-Luca Mancini Costa Giordano Rizzo Lombardi Moretti Barbieri Fontana Santoro Mariani Rinaldi`),
  },
  sv: {
    female:
      words(`Alice Maja Elsa Astrid Wilma Freja Ebba Olivia Saga Alva Linnea Ella Klara Ida Emma Sara Anna
      Karin Eva Ingrid Åsa Sofia Johanna Elin`),
    male: words(`William Liam Noah Hugo Lucas Oliver Elias Adam Alexander Axel Erik Lars Anders Johan Karl Nils
      Oskar Per Magnus Fredrik Gustav Henrik Mikael Björn`),
    surnames: words(`Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson Gustafsson
      Pettersson Jonsson Jansson Hansson Bengtsson Jönsson Lindberg Jakobsson Magnusson Lindström`),
  },
  pl: {
    female: words(`Zuzanna Julia Maja Zofia Hanna Lena Alicja Maria Amelia Oliwia Aleksandra Natalia Wiktoria
      Katarzyna Agnieszka Magdalena Joanna Monika Anna Ewa Małgorzata Karolina Marta Dorota`),
    male: words(`Antoni Jan Jakub Aleksander Franciszek Szymon Filip Mikołaj Wojciech Kacper Piotr Krzysztof
      Tomasz Paweł Michał Marcin Łukasz Andrzej Grzegorz Marek Adam Rafał Dawid Bartosz`),
    surnames:
      words(`Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński Szymański Woźniak
      Dąbrowski Kozłowski Jankowski Mazur Kwiatkowski Krawczyk Piotrowski Grabowski Nowakowski Pawłowski`),
  },
};

/** The surname as written: particles get their spaces back, Polish -ski/-cki surnames take the feminine -ska/-cka. */
export function displaySurname(stored: string, language: string, isFemale: boolean): string {
  const spaced = /^(De|Van|Den)-/.test(stored) ? stored.replaceAll('-', ' ') : stored;
  if (language === 'pl' && isFemale) return spaced.replace(/([sc]k)i$/, '$1a');
  return spaced;
}
