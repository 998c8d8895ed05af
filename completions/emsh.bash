# bash completion for emsh                                  -*- shell-script -*-
# Source it, or install it as /usr/share/bash-completion/completions/emsh.

_emsh()
{
    local cur prev
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    if [[ $prev == --output ]]; then
        COMPREPLY=($(compgen -W 'json' -- "$cur"))
        return
    fi
    if [[ $prev == --store ]]; then
        COMPREPLY=($(compgen -f -- "$cur"))
        return
    fi
    if [[ $prev == --computer-name ]]; then
        COMPREPLY=()
        return
    fi
    if [[ $COMP_CWORD -eq 1 ]]; then
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W '--syntax-check --dump-ast --output --store --computer-name --version --help' -- "$cur"))
        else
            COMPREPLY=($(compgen -f -X '!*.ps1' -- "$cur") $(compgen -d -- "$cur"))
        fi
        return
    fi
    case ${COMP_WORDS[1]} in
    --syntax-check)
        COMPREPLY=($(compgen -f -X '!*.ps1' -- "$cur") $(compgen -d -- "$cur"))
        ;;
    --dump-ast)
        if [[ $COMP_CWORD -eq 2 ]]; then
            if [[ $cur == -* ]]; then
                COMPREPLY=($(compgen -W '-c -Command' -- "$cur"))
            else
                COMPREPLY=($(compgen -f -X '!*.ps1' -- "$cur") $(compgen -d -- "$cur"))
            fi
        fi
        ;;
    esac
} && complete -o filenames -F _emsh emsh
