# Types lines, each followed by one Tab, into a real interactive zsh on a pseudo-terminal (zpty) and
# prints what the terminal showed after each, then a marker line.
# Usage: zsh -f zpty-tab.zsh SETUP SCRIPT LINE...
#   SETUP: run first (e.g. compinit, or `:` for none); SCRIPT: file to source (/dev/null for none).
# Each step waits for its marker and the next prompt, so no keystroke reaches the terminal before
# zle reads it. The marker is computed ($((6*7))) so that the echoed command never matches it.
zmodload zsh/zpty || exit 3
zpty z zsh -f -i
step() { zpty -w z "$1; print -r -- MARK\$((6*7))"; zpty -r z out '*MARK42*> ' || exit 4; }
# listambiguous off: list the candidates even when Tab also inserts their common prefix
step 'PS1="> "; LISTMAX=10000; unsetopt beep listambiguous'
step "$1"
step "source ${(q)2}"
for line in "${@[3,-1]}"; do
  zpty -w -n z "$line"$'\t'
  # clear the line, then a command whose output (and the prompt after it) ends this line's screen
  zpty -w z $'\C-e\C-u; print -r -- END$((6*7))'
  zpty -r z out '*END42*> ' || exit 5
  print -r -- "$out"
  print -r -- '--end-of-candidates--'
done
zpty -d z
