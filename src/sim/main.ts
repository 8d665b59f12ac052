console.log("dbc-sim: not built yet");
