/*
** format.h - PowerShell's output formatting: views, the Format-* formatter
** and the Out-* renderer, as Windows PowerShell 5.1 shows objects.
**
** Formatting happens in two steps, as in PowerShell:
**
**   1. A formatter (Format-Table, Format-List, Format-Wide, Format-Custom,
**      or the implicit "format-default" inside Out-Default) turns objects
**      into formatting records: FormatStartData, GroupStartData, one
**      FormatEntryData per object, GroupEndData, FormatEndData. They are
**      VAL_OBJECT values whose type names are PowerShell's
**      (Microsoft.PowerShell.Commands.Internal.Format.FormatStartData ...),
**      so `Get-X | ft | Out-String` and `(Get-X | ft).Count` work. Every
**      cell is already a string in a record.
**   2. A renderer (Out-Default, Out-Host, Out-String, Out-File) writes the
**      records as lines to a device. Raw objects it receives go through its
**      own default formatter first.
**
** Which view an object gets: the first view registered for the first of
** its type names that has one (fmt_register_view); without a view, a
** scalar (string, number, bool, char, enum) prints as its ToString, an
** object with up to 4 properties as a table and with 5 or more as a list,
** a hashtable as its Name/Value entries, an array element by element.
** Built-in views: DictionaryEntry (Name/Value table), DateTime (long date
** and time), TimeSpan (list), Guid and RuntimeType (tables), ErrorRecord
** (the error display, out of band).
**
** Rendering follows 5.1's OutCommandInner/TableWriter/ListWriter exactly:
** a blank line before a table and two after it (two before a list and
** three after),
** cells padded to their column width (also the last column) and cut with
** "..." when too long, tables without widths sized from the objects that
** arrive in the first 300 ms, the list's "Name : value" wrapping, and the
** console width: COLUMNS, else the terminal's, else 120, minus one (5.1
** never writes the console's last column).
**
** Ownership: functions borrow the vals they are given unless they say
** they consume them; records passed to an emit callback are new
** references the callback owns.
*/
#ifndef EMSH_FORMAT_H
#define EMSH_FORMAT_H

#include "buf.h"
#include "status.h"
#include "value.h"

#include <stdbool.h>

/* {=== views ===*/

/* System.Management.Automation.Alignment / TextAlignment values. */
enum fmt_align { FMT_ALIGN_UNDEFINED = 0, FMT_ALIGN_LEFT = 1, FMT_ALIGN_CENTER = 2, FMT_ALIGN_RIGHT = 3 };

enum fmt_shape {
    FMT_SHAPE_UNDEFINED = 0, /* let the object decide (Out-Default) */
    FMT_SHAPE_TABLE,
    FMT_SHAPE_LIST,
    FMT_SHAPE_WIDE,
    FMT_SHAPE_CUSTOM,
};

/* A cell's value computed from the object (borrowed); returns a new reference
** (VAL_NULL for an empty cell). It is shown like a property's value. */
typedef val (*fmt_value_fn)(val obj);

/* A custom view's text for an object (borrowed): lines separated by '\n'. */
typedef void (*fmt_text_fn)(val obj, struct buf *out);

/* One column of a table view. */
struct fmt_column {
    const char *label;     /* the header; NULL: the property name */
    const char *property;  /* the property shown, or NULL when compute is set */
    fmt_value_fn compute;  /* computes the value instead of a property */
    const char *format;    /* a .NET format string for the value ("N2", "{0:N0} MB"), or NULL */
    int width;             /* 0: sized from the data (a first column of 0 sizes all from the data) */
    enum fmt_align align;  /* FMT_ALIGN_UNDEFINED: left */
};

/* One line of a list view, or the entry of a wide view. */
struct fmt_item {
    const char *label;    /* NULL: the property name */
    const char *property; /* or NULL with compute */
    fmt_value_fn compute;
    const char *format;
};

/*
** A view, as one <View> of a format.ps1xml file. Register static data:
** nothing is copied. Views of a type are tried in registration order; the
** first one is the default for Out-Default, the first of a shape the
** default for Format-Table/List/Wide/Custom.
*/
struct fmt_view {
    const char *name;          /* for -View */
    const char *const *types;  /* type names it applies to, NULL-terminated */
    enum fmt_shape shape;
    const struct fmt_column *columns; /* FMT_SHAPE_TABLE */
    unsigned ncolumns;
    const struct fmt_item *items;     /* FMT_SHAPE_LIST; FMT_SHAPE_WIDE uses items[0] */
    unsigned nitems;
    fmt_text_fn text;          /* FMT_SHAPE_CUSTOM */
    bool autosize;             /* <AutoSize/> */
    bool hide_headers;         /* <HideTableHeaders/> */
    bool wrap;                 /* <Wrap/> on the table row */
    int wide_columns;          /* <ColumnNumber> of a wide view, 0 for none */
    const char *group_by;      /* <GroupBy><PropertyName>, or NULL */
    const char *group_label;   /* its <Label>, or NULL for the property name */
    bool out_of_band;          /* <OutOfBand/>: shown on its own even inside another table */
    /* <GroupBy><CustomControlName>: the group's header is a frame indented
    ** group_indent holding the text group_text writes for the group's
    ** first object ('\n' a <NewLine/>); NULL: the label form */
    fmt_text_fn group_text;
    int group_indent;
    /* a list view with <EntrySelectedBy> entries: items[i] is shown only
    ** for objects of type item_only[i] (NULL: for all); or NULL */
    const char *const *item_only;
};

/* Registers a view (borrowed for the life of the process). */
void fmt_register_view(const struct fmt_view *view);

/* }=== */

/* {=== errors ===*/

/* A terminating error of a formatting or output command. */
struct fmt_error {
    const char *id;        /* FullyQualifiedErrorId (without the command) */
    const char *category;  /* ErrorCategory name */
    const char *exception; /* .NET exception type */
    char target[256];      /* the target object as a string, or "" */
    char msg[1024];
};

/* }=== */

/* {=== the formatter: Format-Table, Format-List, Format-Wide, Format-Custom ===*/

enum fmt_expand { FMT_EXPAND_UNSET = -1, FMT_EXPAND_CORE_ONLY, FMT_EXPAND_ENUM_ONLY, FMT_EXPAND_BOTH };

/* The command line of a Format-* command. Values are borrowed for the call. */
struct fmt_options {
    enum fmt_shape shape; /* FMT_SHAPE_UNDEFINED: format-default (Out-Default's) */
    val property;         /* -Property: VAL_NOTHING, or names, wildcards, script blocks, hashtables */
    val group_by;         /* -GroupBy, or VAL_NOTHING */
    const char *view;     /* -View, or NULL */
    int autosize;         /* -1 unset, 0, 1 */
    int wrap;             /* -1 unset, 0, 1 (Format-Table) */
    int hide_headers;     /* -1 unset, 0, 1 (Format-Table) */
    bool force;           /* -Force: format out-of-band objects (strings, errors) too */
    enum fmt_expand expand;
    int columns;          /* Format-Wide -Column, 0 when unset */
    int depth;            /* Format-Custom -Depth, 0 when unset (5) */
    bool show_error;      /* accepted; failures are not written as errors */
    bool display_error;   /* a failed expression shows #ERR, a failed format string #FMTERR */
};

/* Receives a record (a new reference the callee owns); EV_STOP: stop. */
typedef enum ev (*fmt_emit_fn)(void *ud, val record);
/*
** Runs a script block with $_ = input (both borrowed) and stores its output
** in *result (VAL_NOTHING, one value or an array). EV_THROW means the
** script failed (the cell shows empty); other statuses stop formatting.
** NULL: script blocks evaluate to nothing.
*/
typedef enum ev (*fmt_invoke_fn)(void *ud, val script, val input, val *result);

struct fmt_formatter;

/*
** A formatter for one invocation. Validates the options (calculated
** properties, -View with -Property, -AutoSize with -Column): NULL with
** *err filled when they are wrong.
*/
struct fmt_formatter *fmt_formatter_new(const struct fmt_options *opt, fmt_emit_fn emit,
                                        fmt_invoke_fn invoke, void *ud, struct fmt_error *err);
/* Formats one input object (borrowed); collections are enumerated as
** -Expand says. EV_THROW with *err filled: a terminating error. */
enum ev fmt_formatter_put(struct fmt_formatter *f, val obj, struct fmt_error *err);
/* Closes the open group and document (GroupEndData, FormatEndData). */
enum ev fmt_formatter_end(struct fmt_formatter *f, struct fmt_error *err);
void fmt_formatter_free(struct fmt_formatter *f);

/* Is v a formatting record (FormatStartData ... FormatEndData)? */
bool fmt_is_record(val v);

/* }=== */

/* {=== the renderer: Out-Default, Out-Host, Out-String, Out-File ===*/

/* Where lines go. */
struct fmt_device {
    /* One line (s[0..n), UTF-8, no newline). */
    void (*write_line)(void *ud, const char *s, size_t n);
    void *ud;
    int columns; /* the width lines are laid out in (LineOutput.ColumnNumber); 0: the
                    console's (fmt_console_columns()), read each time it is needed */
};

struct fmt_out;

struct fmt_out *fmt_out_new(const struct fmt_device *dev);
/*
** Renders one object (borrowed): a formatting record, or any object, which
** goes through Out-Default's formatting first. EV_THROW with *err filled
** when records arrive out of sequence ("ft | sort"); the renderer is then
** reset and can go on.
*/
enum ev fmt_out_put(struct fmt_out *o, val v, struct fmt_error *err);
/* Flushes what is pending (the cached table, the open document). */
enum ev fmt_out_end(struct fmt_out *o, struct fmt_error *err);
void fmt_out_free(struct fmt_out *o);

/*
** The console: Out-Default at the top level of the shell. Renders v
** (borrowed) on standard output; an out-of-sequence error is shown on
** standard error, as the host shows it.
*/
void fmt_console_put(val v);
/*
** Ends what the console holds back (a table being sized, an open list):
** call it after each top-level run, a script or one line at the prompt,
** as each gets its own Out-Default in PowerShell.
*/
void fmt_console_flush(void);
/*
** How many items of a collection a cell shows before "...": fn(ud) is asked
** as each formatter starts ($FormatEnumerationLimit; negative: all). NULL
** restores the default, 4. fmt_limit_source_ud() is the ud registered.
*/
void fmt_set_limit_source(int (*fn)(void *ud), void *ud);
void *fmt_limit_source_ud(void);
/* Calls fn with each line the console prints (a transcript), or stops when fn is NULL. */
void fmt_console_set_tee(void (*fn)(void *ud, const char *s, size_t n), void *ud);

/* The console's width in cells: $env:COLUMNS, else the terminal's, else 120. */
int fmt_console_width(void);
/* The width output is laid out in on the console: fmt_console_width() - 1. */
int fmt_console_columns(void);

/* }=== */

/* {=== display strings ===*/

/*
** Appends v as a formatted cell shows it (PSObjectHelper.SmartToString):
** the en-US ToString, a DateTime as "11/22/2026 2:05:09 PM", a collection
** as "{a, b, c, d...}" (at most 4 items), $null as "".
*/
void fmt_display_string(val v, struct buf *out);

/* }=== */

#endif /* EMSH_FORMAT_H */
