Console.WriteLine("BenchSuite");
