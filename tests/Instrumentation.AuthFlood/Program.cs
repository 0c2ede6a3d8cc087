using Instrumentation.AuthFlood;

// instrumentation-auth-flood: serve | rows | flood | timing | costs (see run.sh, which starts the servers and runs the rest).
return args.Length == 0
    ? Usage()
    : args[0] switch
    {
        "serve" => await FloodServer.RunAsync(args[1..]),
        "rows" => await Measurements.RowsAsync(Arguments.Parse(args[1..])),
        "flood" => await Measurements.FloodAsync(Arguments.Parse(args[1..])),
        "timing" => await Measurements.TimingAsync(Arguments.Parse(args[1..])),
        "costs" => HashCosts.Run(Arguments.Parse(args[1..])),
        _ => Usage(),
    };

static int Usage()
{
    Console.Error.WriteLine("""
        Usage:
          serve  --port N --user name:password:scheme [--user ...] [--cache-duration T] [--max-concurrent N]
                 scheme: sha512 (5000 rounds), sha512-R (R rounds), pbkdf2 (600000 iterations)
          rows   --url U --pid P --user name --password p [--count N]       cost of each kind of request
          flood  --url U --pid P --user name --password p --kind K [--rate R] [--seconds S] [--idle-seconds S]
                 K: distinct (new wrong password each time), same, unknown (new user each time), long (3000 bytes)
          timing --url U --user a,b --count N                               failure latency per user
          costs  [--repeats N]                                              one verification, by password length
        """);
    return 2;
}
