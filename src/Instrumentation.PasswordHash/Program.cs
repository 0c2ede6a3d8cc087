using Instrumentation.PasswordHash;

return HashCommand.Run(args, PasswordReader.Read, Console.Out, Console.Error);
