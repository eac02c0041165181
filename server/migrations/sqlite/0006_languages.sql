-- Languages: a site's `language` is a catalogue's language or `auto` (the visitor's browser
-- decides), and an empty greeting means the catalogue's greeting in that language. Sites still
-- on the old English defaults never chose them, so they move to the new ones.
UPDATE sites SET language = 'auto' WHERE language = 'en';
UPDATE sites SET greeting = '' WHERE greeting = 'Hi! Search answers from our community.';
