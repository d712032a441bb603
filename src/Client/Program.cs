System.Console.WriteLine("radnet");
