/*
** item.h - what the file-system cmdlets (c_item.c) share with commands of
** other nouns that read files: Select-String reads and decodes files as
** Get-Content does and resolves -Path and -LiteralPath as the provider does;
** [IO.Directory]::CreateDirectory() gives Get-Item's DirectoryInfo.
*/
#ifndef EMSH_ITEM_H
#define EMSH_ITEM_H

#include "buf.h"
#include "cmdlet.h"

#include <stdbool.h>

/* A text encoding of -Encoding. */
enum enc {
    ENC_AUTO,    /* not given (or Default, Oem ...): a byte order mark decides, else UTF-8 */
    ENC_UTF8,    /* UTF8: with a byte order mark when writing, as in 5.1 */
    ENC_UTF16LE, /* Unicode, String, Unknown */
    ENC_UTF16BE, /* BigEndianUnicode */
    ENC_UTF32LE, /* UTF32 */
    ENC_UTF32BE, /* BigEndianUTF32 */
    ENC_ASCII,   /* Ascii: 7 bits, ? for the rest */
    ENC_BYTE,    /* Byte: the bytes themselves */
};

/* The encoding an -Encoding parameter (index p) names; ENC_AUTO when unbound. */
enum enc item_encoding_arg(struct cmd_ctx *c, uint16_t p);
/* The encoding a byte order mark announces (and its length in *len), or ENC_AUTO. */
enum enc item_bom(const unsigned char *b, size_t n, size_t *len);
/* Decodes the bytes of a file into UTF-8 text (appended to out). */
void item_decode(const unsigned char *b, size_t n, enum enc e, struct buf *out);
/* Encodes UTF-8 text for a file (appended to out), with a byte order mark when bom. */
void item_encode(const char *s, size_t n, enum enc e, bool bom, struct buf *out);
/* Reads a whole file; false with errno set. */
bool item_read_file(const char *path, struct buf *out);
/*
** The absolute paths a path argument names: a literal one as it is,
** whether it exists or not; one with wildcards as what they match (names
** that begin with a dot only when the pattern does), sorted; one without
** as itself when it exists, else nothing. Returns a malloc'd array of *n
** malloc'd strings (NULL when none); *full gets arg made absolute
** (malloc'd), the path an error names.
*/
char **item_expand_path(const char *arg, bool literal, size_t *n, char **full);
/* The absolute form of a path (malloc'd): provider prefix off, \ as /, ~ as $HOME,
** relative to the current directory, "." and ".." resolved. */
char *item_full_path(const char *path);
/* The names in a directory (not . and ..), sorted as NTFS lists them: a malloc'd
** array of *n malloc'd strings, or NULL (errno set) when it can't be read. */
char **item_list_dir(const char *dir, size_t *n);
/* Makes directory p and the missing ones above it; false with errno set. */
bool item_make_dirs(const char *p);
/* Removes p and all below it; false with *where (malloc'd) the path that resisted, errno set. */
bool item_remove_tree(const char *p, char **where);
/* Copies a file's bytes and mode over to (force: even a read-only one); false with errno set. */
bool item_copy_file(const char *from, const char *to, bool force);
/* The FileInfo or DirectoryInfo of an existing full path, as Get-Item gives it. */
val item_info(const char *full);

#endif /* EMSH_ITEM_H */
