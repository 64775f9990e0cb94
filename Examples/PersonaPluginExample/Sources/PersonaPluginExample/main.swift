// `Personas` is generated from the personas/ folder by PersonaPlugin at build
// time: a call that leaves out a required variable does not compile.
//
// Usage: PersonaPluginExample USER_NAME [PLAN]
// Prints Maya's system prompt, exactly as `persona render Maya --var user_name=USER_NAME`
// (with `--var plan=PLAN` when given) prints it.
let arguments = Array(CommandLine.arguments.dropFirst())
let userName = arguments.first ?? "Ada"
let prompt = arguments.count > 1
    ? Personas.maya.systemPrompt(user_name: userName, plan: arguments[1])
    : Personas.maya.systemPrompt(user_name: userName)  // plan: its default, "Free"
print(prompt, terminator: "")
