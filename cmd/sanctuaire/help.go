package main

import (
	"context"
	"fmt"
)

const helpText = `sanctuaire answers questions about sanctuary city policies in Canada, police
contacts with the border agency (CBSA / ASFC) and support organisations, in
French and English, on Discord or from the command line.

Usage:
  sanctuaire ask [--lang en|fr|both] [--knowledge DIR] [--out DIR] COMMAND [option:value ...]
      answer one command locally and print the answer as plain text
      commands: city, stats, support, rights, question, about
      (French names work too: ville, statistiques, soutien, droits, question, a-propos)
      e.g. sanctuaire ask --lang fr stats force:montreal
           sanctuaire ask question text:"la police peut-elle me demander mon statut?"
  sanctuaire check [--knowledge DIR]
      load and validate the knowledge base and the messages, print counts
  sanctuaire run        answer on Discord over the gateway (DISCORD_TOKEN)
  sanctuaire register   push the command definitions to Discord (--print to show them)
  sanctuaire serve      answer Discord interactions over HTTP
  sanctuaire migrate    apply the store's schema migrations
  sanctuaire help       show this help
  sanctuaire version    show the version

Environment:
  SANCTUAIRE_KNOWLEDGE  a directory of knowledge files to use instead of the bundled ones
  LC_ALL, LANG          the language of ask answers when --lang is not given (fr_CA.UTF-8: French)
`

func cmdHelp(ctx context.Context, e env, args []string) error {
	fmt.Fprint(e.stdout, helpText)
	return nil
}
