console.log("dbc: not built yet");
