/*
** data_io.h - files and text encodings for the data cmdlets of the Utility
** module (c_data.c: the CSV, JSON and HTML cmdlets; c_clixml.c: Export- and
** Import-Clixml). Implemented in c_data.c.
**
** Paths follow PowerShell's PathUtils as Windows PowerShell 5.1 applies
** them to a file system: a relative path is taken from the process's
** current directory, "~" is the home directory, "\" separates like "/", a
** -Path (not -LiteralPath) with wildcard characters must match exactly one
** existing file, and a -Path without them has its backtick escapes removed.
** A failure to open is a terminating FileOpenFailure error whose message is
** the .NET exception's ("Could not find file '/abs/x.csv'.").
**
** Text is UTF-8 inside emsh. Files are written in one of the encodings the
** 5.1 -Encoding parameters name, with the byte order mark .NET's encoding
** writes; files are read by their byte order mark, else in the encoding
** asked for (UTF-8 when none). Lines end with "\n", emsh's
** [Environment]::NewLine.
*/
#ifndef EMSH_DATA_IO_H
#define EMSH_DATA_IO_H

#include "cmdlet.h"

#include <stdbool.h>
#include <stdio.h>

/* The -Encoding values of Windows PowerShell 5.1's file cmdlets. */
enum data_enc {
    ENC_NONE = -1, /* not given */
    ENC_UNICODE,   /* UTF-16LE with BOM */
    ENC_UTF7,      /* UTF-7, no BOM */
    ENC_UTF8,      /* UTF-8 with BOM */
    ENC_ASCII,     /* 7-bit; other characters become '?' */
    ENC_UTF32,     /* UTF-32LE with BOM */
    ENC_BIGENDIAN, /* UTF-16BE with BOM */
    ENC_DEFAULT,   /* the ANSI code page: Windows-1252 */
    ENC_OEM,       /* the OEM code page: 437 */
};

/* The encoding named by an -Encoding argument (borrowed; ignoring case); ENC_NONE for
** VAL_NOTHING or an unknown name. */
enum data_enc data_enc_of(val name);

/* The absolute, normalized form of path (what .NET's messages show). Caller frees. */
char *data_full_path(const char *path);

/*
** Resolves a -Path or -LiteralPath argument to one file name, as PathUtils
** does: *out receives a malloc'd absolute path. Returns EV_OK, or the
** status of the terminating error it raised (several files or none matched
** a wildcard).
*/
enum ev data_resolve(struct cmd_ctx *c, const char *path, bool literal, char **out);

/*
** Reads the file at path (resolved as above) and appends its text, decoded
** to UTF-8, to *text: by its byte order mark, else by enc (UTF-8 for
** ENC_NONE). Raises FileOpenFailure and returns EV_THROW when it cannot
** be read.
*/
enum ev data_read_file(struct cmd_ctx *c, const char *path, bool literal, enum data_enc enc,
                       struct buf *text);

/* Decodes n bytes (borrowed) as data_read_file does; appends UTF-8 to out. */
void data_decode(const unsigned char *bytes, size_t n, enum data_enc enc, struct buf *out);

/* An open output file. */
struct data_out {
    FILE *f;
    enum data_enc enc;
    char *full;       /* the absolute path, owned */
    char *restore_ro; /* a read-only file -Force opened: made read-only again at close */
    unsigned restore_mode;
};

/*
** Opens path for writing as PathUtils.MasterStreamOpen does: created or
** truncated; appended to with append; refused when it exists and noclobber
** is set ("File x already exists and NoClobber was specified."); a
** read-only file is opened only with force (and is read-only again after
** data_close). The byte order mark of enc is written when the file is
** empty. Returns EV_OK with *w filled, or the status of the terminating
** error it raised.
*/
enum ev data_open_write(struct cmd_ctx *c, const char *path, bool literal, enum data_enc enc,
                        bool append, bool force, bool noclobber, struct data_out *w);

/* Writes n bytes of UTF-8 text in the file's encoding. */
void data_write(struct data_out *w, const char *s, size_t n);
/* Writes a string and a line end. */
void data_write_line(struct data_out *w, const char *s, size_t n);
/* Closes the file (a no-op when it is not open) and frees what w holds. */
void data_close(struct data_out *w);

/*
** Debug builds: asserts that the handler's parameter indexes (the enums of
** c_data.c and c_clixml.c) name the parameters of its metadata file, in
** order; names is a NULL-terminated list. A no-op with NDEBUG.
*/
void data_check_params(struct cmd_ctx *c, const char *const *names);

/*
** [ValidateRange(1, int.MaxValue)] of a -Depth parameter p: the binder
** checks types, not ranges, for cmdlets, so the handler reports a value
** below 1 with the binder's text. Stores a bound value in *depth (left
** alone when unbound); returns EV_OK or the status of the error.
*/
enum ev data_check_depth(struct cmd_ctx *c, uint16_t p, int32_t *depth);

/*
** The string .NET's ToString() gives for a value (not PowerShell's
** conversion): en-US dates, "System.Object[]" for an array, the type name
** for a hashtable. Appends nothing for $null.
*/
void data_dotnet_str(val v, struct buf *out);

#endif /* EMSH_DATA_IO_H */
